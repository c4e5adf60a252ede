"""Accuracy of numpy.linalg.lstsq on the NIST StRD linear problems (LRE of the worst coefficient,
capped at 15), for the README table beside lsqkit: default rcond, and rcond=0 (no truncation).
Run from the repository root: python3 bench/nist-linear-numpy.py"""
import json, numpy as np, math
names=[e['name'] for e in json.load(open('data/nist/index.json')) if e['kind']=='linear']
def lre(e,c):
    if e==c: return 15.0
    err=abs(e) if c==0 else abs(e-c)/abs(c)
    return max(0.0,min(15.0,-math.log10(err))) if err>0 else 15.0
for n in names:
    d=json.load(open(f'data/nist/{n}.json'))
    y=np.array(d['y']); m=d['model']
    if m.get('polynomialDegree') and m['predictors']==['x']:
        x=np.array(d['x']); deg=m['polynomialDegree']
        cols=[x**k for k in range(0 if m['intercept'] else 1, deg+1)]
    else:
        X=np.array(d['x']).T if isinstance(d['x'][0],list) else np.array(d['x'])[:,None]
        cols=([np.ones(len(y))] if m['intercept'] else [])+[X[:,j] for j in range(X.shape[1])]
    A=np.column_stack(cols)
    b1=np.linalg.lstsq(A,y,rcond=None)[0]
    b2=np.linalg.lstsq(A,y,rcond=0)[0]
    c=d['certified']
    print(n, round(min(lre(b1[i],c[i]) for i in range(len(c))),1), round(min(lre(b2[i],c[i]) for i in range(len(c))),1))
